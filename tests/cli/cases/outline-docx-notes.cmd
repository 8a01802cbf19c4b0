outline tests/cli/fixtures/notes-v1.docx
