text tests/cli/fixtures/fee-workbook.docx
