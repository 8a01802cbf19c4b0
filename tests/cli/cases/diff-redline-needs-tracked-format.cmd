diff samples/revisions/weak-v1.txt
