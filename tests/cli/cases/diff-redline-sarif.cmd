diff --format sarif tests/cli/fixtures/tracked-changes.docx
