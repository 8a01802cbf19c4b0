diff samples/revisions/weak-v2.txt samples/revisions/weak-v3.txt
