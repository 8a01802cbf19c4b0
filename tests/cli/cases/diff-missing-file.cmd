diff samples/revisions/weak-v1.txt samples/revisions/no-such-file.txt
