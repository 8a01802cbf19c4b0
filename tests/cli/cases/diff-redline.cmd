diff samples/revisions/weak-v2-tracked.docx
