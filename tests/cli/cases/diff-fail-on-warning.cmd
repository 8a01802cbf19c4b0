diff --fail-on warning samples/revisions/sound-v1.txt samples/revisions/sound-v2.txt
