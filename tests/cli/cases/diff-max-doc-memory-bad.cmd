diff --max-doc-memory lots samples/mutual-nda.txt samples/mutual-nda.txt
