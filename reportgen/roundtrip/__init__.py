"""The Word round trip: ``reportgen uebernehmen`` brings the revisions editors made in the DOCX
back into the project's Markdown text blocks (``takeover``), refusing what it cannot take over
safely and naming what it did not take over."""
