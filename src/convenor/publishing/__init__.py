"""Publications built from the live record: the early beta statement, the strategy, the
engagement report, board papers and evidence summaries, as web pages, PDFs and DOCX files."""
