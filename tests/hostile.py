"""A content root full of hostile content: script in every field, script-capable links, traversal."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import make_root

PWN = "window.__pwned=1"
SCRIPT = f"<script>{PWN}</script>"
IMG = f'"><img src=x onerror="{PWN}">'

ROUTINE = f"""---
id: EVIL-1
title: '{SCRIPT} Farlig rutin {IMG}'
type: rutin
version: "1.0"
applies_to: [mott]
owner: {{id: own1, name: '{SCRIPT}', title: '{IMG}'}}
reviewers:
  - {{name: '<iframe src=javascript:{PWN}>'}}
approver: {{id: app1, name: '<svg onload={PWN}>', title: Chef}}
valid_from: 2026-01-01
valid_to: 2027-12-31
revision_note: '{SCRIPT}'
tags: ['{SCRIPT}', "<b>fet</b>"]
related:
  - {{title: '{SCRIPT}', url: 'javascript:{PWN}'}}
  - {{title: Data, url: 'data:text/html,<script>{PWN}</script>'}}
  - {{title: Traversal, url: "../../../../etc/passwd"}}
  - {{title: Länk, url: 'https://example.se/"onmouseover="{PWN}'}}
rules:
  deadlines:
    - id: svarstid
      case_types: "*"
      within_vardagar: 2
      note: '{SCRIPT}'
      partial_answer_text: '{IMG}'
  recurring:
    - id: vecka
      role: arendemottagare
      every: week
      task: '{SCRIPT}'
  responsibilities:
    - role: arendemottagare
      duties: ['{SCRIPT}', '{IMG}']
---

{SCRIPT}

<img src=x onerror="{PWN}">

<a href="javascript:{PWN}">rå länk</a> <iframe src="javascript:{PWN}"></iframe>

[a](javascript:{PWN}) [b](JAVASCRIPT:{PWN}) [c](  javascript:{PWN}) [d](vbscript:msgbox(1))
[e](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+) <javascript:{PWN}>
![f](data:text/html,<script>{PWN}</script>) [g](http://x.se "a&quot; onmouseover=&quot;{PWN}")
[h](../../../../etc/passwd) [i](secret.png) [j](%2e%2e/%2e%2e/%2e%2e/etc/passwd)

| <script>{PWN}</script> | x |
|---|---|
| <img src=x onerror={PWN}> | y |

``` "><script>{PWN}</script>
kod
```

# <script>{PWN}</script>
"""

ORGANISATION = f"""units:
  - id: reg
    name: '{SCRIPT} Region'
    kind: region
  - id: sjh
    name: '{IMG}'
    kind: sjukhus
    parent: reg
  - id: vht
    name: Verksamhet
    kind: verksamhet
    parent: sjh
    note: '{SCRIPT}'
  - id: mott
    name: 'Mottagning {SCRIPT}'
    kind: mottagning
    parent: vht
    care: '{IMG}'
"""

CATALOG = f"""roles:
  - id: arendemottagare
    name: '{SCRIPT}'
    description: '{IMG}'
case_types:
  - id: x
    name: '{IMG}'
"""


def hostile_root(tmp_path: Path) -> Path:
    """A content root where every field a person can write carries script."""
    root = make_root(tmp_path)
    (root / "routines/organisation.yaml").write_text(ORGANISATION, encoding="utf-8")
    (root / "routines/catalog.yaml").write_text(CATALOG, encoding="utf-8")
    (root / "routines/evil.md").write_text(ROUTINE, encoding="utf-8")
    os.symlink("/etc/passwd", root / "routines/secret.png")
    (root / "routines.toml").write_text(f'title = "{SCRIPT.replace(chr(34), "")}"\n', encoding="utf-8")
    return root
