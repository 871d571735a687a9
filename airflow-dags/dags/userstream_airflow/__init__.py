"""Helpers of the user_pipeline DAG (listed in ../.airflowignore: not DAG files themselves)."""
