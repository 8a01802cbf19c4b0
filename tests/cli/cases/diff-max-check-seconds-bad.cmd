diff --max-check-seconds=-1 samples/mutual-nda.txt samples/mutual-nda.txt
