diff --format json samples/revisions/sound-v1.txt samples/revisions/sound-v2.txt
