"""Run workers.py as a script in a fresh Python and show what it prints (chapter: Dataset and DataLoader)."""
# --8<-- [start:imports]
import subprocess
import sys
# --8<-- [end:imports]

# --8<-- [start:settings]
script = "snippets/datasets/workers.py"  # relative to the course's folder, where the site is built
# --8<-- [end:settings]

# --8<-- [start:run]
result = subprocess.run([sys.executable, script], capture_output=True, text=True, timeout=300)
print(result.stdout or result.stderr)
# --8<-- [end:run]
