// The browser editor's additions to Decap CMS (admin/index.html loads this after decap-cms.js).
/* global CMS, h, createClass, localStorage, document */
(function () {
  "use strict";
  // The handbook's words for the page, from the message catalog (index.html carries them).
  var words = JSON.parse(document.getElementById("routine-words").textContent);

  // The preview pane shows a routine as staff will see it: the handbook's style sheets and the
  // structure of its routine page (title, Om rutinen, the text).
  CMS.registerPreviewStyle("../assets/style.css");
  CMS.registerPreviewStyle("../assets/pages.css");

  function person(value) {
    if (!value) { return ""; }
    var name = value.get("name") || "";
    var title = value.get("title");
    return title ? name + ", " + title : name;
  }

  var Routine = createClass({
    render: function () {
      var data = this.props.entry.get("data");
      var units = data.get("applies_to");
      var rows = [
        [words.type, data.get("type")],
        [words.applies_to, units && units.join ? units.join(", ") : ""],
        [words.owner, person(data.get("owner"))],
        [words.approver, person(data.get("approver"))],
        [words.document_id, data.get("id")],
        [words.version, data.get("version")],
        [words.valid_from, data.get("valid_from")],
        [words.valid_to, data.get("valid_to")]
      ];
      var meta = [];
      rows.forEach(function (row) {
        meta.push(h("dt", { key: row[0] + "-t" }, row[0]));
        meta.push(h("dd", { key: row[0] + "-d" }, row[1] || ""));
      });
      return h("main", { id: "main" },
        h("article", { className: "routine" },
          h("h1", {}, data.get("title") || ""),
          h("section", { className: "about" }, h("h2", {}, words.about), h("dl", { className: "meta" }, meta)),
          h("div", { className: "body" }, this.props.widgetFor("body"))));
    }
  });
  CMS.registerPreviewTemplate("rutiner", Routine);

  // A rule part no form widget holds as the schema wants it (a list whose items are a case type
  // or {"any_of": [...]}): edited as JSON text, saved as the structure it reads as; a text that
  // is no JSON is kept in the box and the entry cannot be saved until it is.
  var Regel = createClass({
    getInitialState: function () {
      var value = this.props.value;
      var plain = value && value.toJS ? value.toJS() : value;
      return { text: plain === undefined || plain === null || plain === "" ? "" : JSON.stringify(plain, null, 1),
               bad: false };
    },
    isValid: function () {
      return this.state.bad ? { error: { message: words.regel_invalid } } : true;
    },
    handleChange: function (event) {
      var text = event.target.value;
      try {
        var parsed = text.trim() ? JSON.parse(text) : null;
        this.setState({ text: text, bad: false });
        this.props.onChange(parsed);
      } catch (error) {
        this.setState({ text: text, bad: true });
      }
    },
    render: function () {
      return h("textarea", {
        id: this.props.forID, className: this.props.classNameWrapper, value: this.state.text,
        rows: Math.min(12, Math.max(3, this.state.text.split("\n").length)), spellCheck: false,
        style: { fontFamily: "monospace", width: "100%" }, onChange: this.handleChange
      });
    }
  });
  CMS.registerWidget("regel", Regel);

  // The case types of a rule, "*" (every case type) or a list: Decap's select of many, except
  // that "*" as the file has it is shown as chosen without being changed. Decap's own select
  // makes it ["*"] the moment the routine is opened and counts that as an unsaved change (the
  // save writes "*" back, but Decap would ask before the page is left).
  var select = CMS.getWidget("select");
  var CaseTypes = createClass({
    isValid: function () {
      return this.inner && this.inner.isValid ? this.inner.isValid() : true;  // the select's own checks
    },
    render: function () {
      var self = this;
      var props = this.props;
      var shown = props.value === "*" ? props.field.get("options").clear().push("*") : props.value;
      return h(select.control, Object.assign({}, props, {
        value: shown, ref: function (inner) { self.inner = inner; }
      }));
    }
  });
  CMS.registerWidget("arendetyper", CaseTypes, select.preview);

  // Phrases Decap's Swedish leaves in English.
  var sv = CMS.getLocale("sv");
  if (sv && sv.editor && sv.editor.editorWidgets) {
    var widgets = sv.editor.editorWidgets;
    widgets.list = { add: "Lägg till %{item}", addType: "Lägg till %{item}" };
    widgets.object = { expand: "Visa", collapse: "Dölj" };
    if (widgets.markdown) { widgets.markdown.strikethrough = "Genomstruken"; }
    CMS.registerLocale("sv", sv);
  }

  // The text is edited as written (Markdown) unless the person switches to the formatted view:
  // the formatted editor rewrites the whole text on save, which would change lines nobody edited.
  if (!localStorage.getItem("cms.md-mode")) {
    localStorage.setItem("cms.md-mode", "raw");
  }
}());
