diff --substantive-only --fail-on none -- samples/revisions/weak-v1.txt samples/revisions/weak-v2.txt
