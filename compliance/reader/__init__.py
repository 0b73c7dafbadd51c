"""Reading submission workbooks: preflight safety, raw cells, typed values, header binding."""
