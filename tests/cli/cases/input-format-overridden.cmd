check --input-format text --format jsonl tests/cli/fixtures/weak-draft.docx
