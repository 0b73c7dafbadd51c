"""The blank workbook of a requirement set: its layout, its words and its stamp."""
