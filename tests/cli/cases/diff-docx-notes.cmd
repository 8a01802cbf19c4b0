diff tests/cli/fixtures/notes-v1.docx tests/cli/fixtures/notes-v2.docx
