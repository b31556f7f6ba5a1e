"""What the commands other than ``check`` compute from standards and reports: ``diff``, ``gaps``, ``explain``, ``init`` (``template``), ``lint`` and test suites."""
