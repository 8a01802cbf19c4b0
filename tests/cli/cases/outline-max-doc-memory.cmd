outline --max-doc-memory 64 samples/mutual-nda.txt
