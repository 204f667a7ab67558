"""The law as code: pure Python, no Django. Each rule cites its article."""
