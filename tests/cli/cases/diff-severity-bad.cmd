diff --severity amb-efforts=fatal samples/revisions/weak-v1.txt samples/revisions/weak-v2.txt
