// The browser editor's additions to Decap CMS (admin/index.html loads this after decap-cms.js):
// the preview pane shows a routine with the handbook's own style sheets, as staff will see it.
/* global CMS */
CMS.registerPreviewStyle("../assets/style.css");
CMS.registerPreviewStyle("../assets/pages.css");
