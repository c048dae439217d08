"""What torch.compile costs the first time, and what it saves on every step after (chapter: torch.compile)."""
import runpy
from pathlib import Path

globals().update(runpy.run_path(str(Path(__file__).with_name("train_step.py"))))

# --8<-- [start:cold]
cache = tempfile.mkdtemp(prefix="inductor-")  # an empty kernel cache: the compile a first run pays
atexit.register(shutil.rmtree, cache, ignore_errors=True)  # removed when this Python exits
os.environ["TORCHINDUCTOR_CACHE_DIR"] = cache
model, optimizer = make_model()
compiled = torch.compile(model)  # returns at once: compiling waits for the first call
start = time.perf_counter()
train_step(compiled, optimizer)  # trace, optimise, generate C++ and compile it, then run
compile_s = time.perf_counter() - start - eager_ms / 1000  # less the step itself
compiled_ms = ms_per_step(compiled, optimizer)
print(f"compile (cold cache): {compile_s:.1f} s")
print(f"compiled: {compiled_ms:.2f} ms per training step, eager: {eager_ms:.2f} ms, speed-up {eager_ms / compiled_ms:.2f}x")
# --8<-- [end:cold]

# --8<-- [start:same]
difference = (compiled(X) - model(X)).abs().max().item()  # the compiled module shares model's weights
print("compiled and eager logits agree to 1e-4:", difference < 1e-4)
# --8<-- [end:same]

# --8<-- [start:warm]
torch.compiler.reset()  # forget the compiled code in memory; the disk cache keeps the kernels
model_again, optimizer_again = make_model()
start = time.perf_counter()
train_step(torch.compile(model_again), optimizer_again)  # the kernels now come from the disk cache
warm_s = time.perf_counter() - start - eager_ms / 1000
print(f"compile (warm cache): {warm_s:.1f} s")
del os.environ["TORCHINDUCTOR_CACHE_DIR"]  # later compiles in this process use the default cache again
shutil.rmtree(cache)
# --8<-- [end:warm]

# --8<-- [start:break_even]
saved_s = (eager_ms - compiled_ms) / 1000  # seconds saved on every step
steps_per_epoch = 8000 // batch_size  # the MNIST training split
for cache_state, cost_s in [("cold", compile_s), ("warm", warm_s)]:
    if saved_s > 0:
        steps = math.ceil(cost_s / saved_s)
        print(f"{cache_state} cache: compiling pays for itself after {steps} steps ({steps / steps_per_epoch:.1f} epochs)")
    else:
        print(f"{cache_state} cache: the compiled step is not faster here, so compiling never pays")
num_steps = 10 * steps_per_epoch  # ten epochs
print(f"{num_steps} steps: eager {num_steps * eager_ms / 1000:.1f} s, compiled {compile_s + num_steps * compiled_ms / 1000:.1f} s (cold compile included)")
# --8<-- [end:break_even]
