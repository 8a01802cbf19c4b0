diff tests/cli/fixtures/fee-workbook.docx tests/cli/fixtures/fee-workbook-v2.docx
