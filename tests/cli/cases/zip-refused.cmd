tests/cli/fixtures/archive.docx
