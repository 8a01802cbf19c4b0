diff --substantive-only samples/revisions/weak-v1.docx samples/revisions/weak-v2.docx
