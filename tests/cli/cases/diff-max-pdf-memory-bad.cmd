diff --max-pdf-memory lots samples/mutual-nda.txt samples/mutual-nda.txt
