text samples/formats/auto-numbered-hosting.docx
