"""Word files for ``routines import`` (generator/authoring/import_docx.py): why one cannot be read
and what to do, and what the importer says about its pictures and its metadata, in Swedish and
English.

Part of the one message catalog, :mod:`generator.core.messages`.
"""

from __future__ import annotations

Text = tuple[str, str]
"""(Swedish, English)."""

DOCX: dict[str, Text] = {
    "docx.old_doc": (("filen är ett Word-dokument i det gamla formatet (.doc), som inte kan läsas; öppna det i Word "
                      "och spara det som Word-dokument (.docx), eller som oformaterad text (.txt, UTF-8)"),
                     ("the file is a Word document in the old format (.doc), which cannot be read; open it in Word "
                      "and save it as a Word Document (.docx), or as plain text (.txt, UTF-8)")),
    "docx.password": (("Word-filen är skyddad med lösenord och kan inte läsas; spara en kopia utan lösenord "
                       "(Arkiv > Information > Skydda dokument > Kryptera med lösenord: töm fältet), eller som "
                       "oformaterad text (.txt, UTF-8)"),
                      ("the Word file is protected by a password and cannot be read; save a copy without the "
                       "password (File > Info > Protect Document > Encrypt with Password: clear it), or as plain "
                       "text (.txt, UTF-8)")),
    "docx.damaged": (("Word-filen är skadad och kan inte läsas ({reason}); öppna den i Word och spara den på nytt "
                      "som Word-dokument (.docx), eller som oformaterad text (.txt, UTF-8)"),
                     ("the Word file is damaged and cannot be read ({reason}); open it in Word and save it again "
                      "as a Word Document (.docx), or as plain text (.txt, UTF-8)")),
    "docx.not_zip": ("filen är inget zip-arkiv, som en .docx-fil är", "it is no zip archive, as a .docx file is"),
    "docx.zip_damaged": ("zip-arkivet är skadat eller ofullständigt", "the zip archive is damaged or cut short"),
    "docx.bad_part": ("delen {part} kan inte läsas", "its part {part} cannot be read"),
    "docx.not_docx": (("filen är ett zip-arkiv men inget Word-dokument (kanske .odt, .xlsx eller .docm); öppna den "
                       "och spara den som Word-dokument (.docx), eller som oformaterad text (.txt, UTF-8)"),
                      ("the file is a zip archive but no Word document (perhaps .odt, .xlsx or .docm); open it and "
                       "save it as a Word Document (.docx), or as plain text (.txt, UTF-8)")),
    "docx.too_large": (("Word-filen är {size} MB, mer än de {limit} MB som läses; komprimera bilderna (Arkiv > "
                        "Komprimera bilder) eller spara rutinen som oformaterad text (.txt, UTF-8)"),
                       ("the Word file is {size} MB, more than the {limit} MB that are read; compress its pictures "
                        "(File > Compress Pictures) or save the routine as plain text (.txt, UTF-8)")),
    "docx.zip_bomb": (("Word-filen packar upp till {size} MB, mer än ett dokument gör (högst {limit} MB, och högst "
                       "{ratio} gånger filens storlek); den läses inte. Spara rutinen som oformaterad text "
                       "(.txt, UTF-8)"),
                      ("the Word file unpacks to {size} MB, more than a document does (at most {limit} MB, and at "
                       "most {ratio} times the file's size); it is not read. Save the routine as plain text "
                       "(.txt, UTF-8)")),
    "docx.parts_too_large": (("Word-filens text och formatering packar upp till {size} MB, mer än de {limit} MB "
                              "ett dokument behöver (bilderna oräknade); den läses inte. Dela upp dokumentet, eller "
                              "spara rutinen som oformaterad text (.txt, UTF-8)"),
                             ("the Word file's text and formatting unpack to {size} MB, more than the {limit} MB a "
                              "document needs (its pictures not counted); it is not read. Split the document, or "
                              "save the routine as plain text (.txt, UTF-8)")),
    "docx.text_too_large": (("texten ur Word-filen är {size} MB, mer än de {limit} MB en rutin får vara; dela upp "
                             "dokumentet i flera rutiner"),
                            ("the text of the Word file is {size} MB, more than the {limit} MB a routine may be; "
                             "split the document into several routines")),
    "docx.empty": (("Word-filen innehåller ingen text; kontrollera att det är rätt fil, eller spara rutinen som "
                    "oformaterad text (.txt, UTF-8)"),
                   ("the Word file holds no text; check that it is the right file, or save the routine as plain "
                    "text (.txt, UTF-8)")),
    "docx.at_line": ("{message} (rad {line} i texten ur Word-filen)",
                     "{message} (line {line} of the text read from the Word file)"),
    "docx.at_line_quoted": ("{message} (rad {line} i texten ur Word-filen: '{text}')",
                            "{message} (line {line} of the text read from the Word file: '{text}')"),
    "docx.title_property": (("titeln är läst ur Word-filens egenskaper (Arkiv > Information > Titel), '{title}', "
                             "eftersom dokumentet inte anger någon; kontrollera att det är rutinens titel"),
                            ("the title is read from the Word file's properties (File > Info > Title), '{title}', "
                             "since the document states none; check that it is the routine's title")),
    "docx.image_kind": (("bild {number} är i formatet {kind}, som en webbläsare inte visar, och är utelämnad; spara "
                         "den som PNG eller JPEG, lägg den bredvid rutinen och länka den här"),
                        ("picture {number} is in the format {kind}, which a browser does not show, and is left "
                         "out; save it as PNG or JPEG, put it beside the routine and link it here")),
    "docx.image_large": (("bild {number} är {size} MB, mer än de {limit} MB som tas med, och är utelämnad; "
                          "komprimera den, lägg den bredvid rutinen och länka den här"),
                         ("picture {number} is {size} MB, more than the {limit} MB taken, and is left out; "
                          "compress it, put it beside the routine and link it here")),
    "docx.image_unread": (("bild {number} kan inte läsas ur Word-filen och är utelämnad; lägg in den på nytt i "
                           "Word, eller lägg den bredvid rutinen och länka den här"),
                          ("picture {number} cannot be read from the Word file and is left out; insert it again "
                           "in Word, or put it beside the routine and link it here")),
    "docx.images_many": (("Word-filen har fler än {limit} bilder; de följande är utelämnade (den första av dem "
                          "här)"),
                         ("the Word file has more than {limit} pictures; the ones after are left out (the first "
                          "of them here)")),
}
"""Every message of reading a Word file, by its name."""
