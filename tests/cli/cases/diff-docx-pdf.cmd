diff --substantive-only samples/formats/weak-draft-outsourcing.docx samples/formats/weak-draft-outsourcing.pdf
