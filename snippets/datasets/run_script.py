"""Run workers.py as a script in a fresh Python and show what it prints (chapter: Dataset and DataLoader)."""
# --8<-- [start:imports]
import subprocess
import sys

from torchsteps.course import snippet
# --8<-- [end:imports]

# --8<-- [start:settings]
script = snippet("datasets/workers.py")  # snippets/datasets/workers.py, or its copy in the installed package
# --8<-- [end:settings]

# --8<-- [start:run]
result = subprocess.run([sys.executable, script], capture_output=True, text=True, timeout=300)
print(result.stdout or result.stderr)
# --8<-- [end:run]
