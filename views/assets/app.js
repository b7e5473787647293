// Casebook client behaviour that htmx attributes cannot express lives here.
