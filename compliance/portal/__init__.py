"""The intake portal: a web application over the checker, with accounts and a database.

MCO staff upload and self-check workbooks and submit them; contract managers review the
quarter; administrators keep accounts, the program file and the sets in force. `app.py`
builds the ASGI application; `compliance serve` runs it under uvicorn.
"""
