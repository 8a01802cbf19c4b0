samples/mutual-nda.txt
