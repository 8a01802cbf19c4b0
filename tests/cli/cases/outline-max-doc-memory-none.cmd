outline --max-doc-memory none samples/flawed-draft.txt
