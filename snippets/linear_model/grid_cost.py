"""How many loss evaluations a grid needs as parameters are added (chapter: The linear model)."""
# --8<-- [start:imports]
import math
# --8<-- [end:imports]

# --8<-- [start:settings]
points_per_axis = 100
evaluations_per_second = 1e9  # a generous machine: a billion losses every second
# --8<-- [end:settings]


# --8<-- [start:cost]
def readable_time(log_seconds):
    """A duration given as log10(seconds), in units a person can picture."""
    if log_seconds < 7:  # under about four months
        return f"{10 ** log_seconds:.0e} seconds"
    log_years = log_seconds - math.log10(60 * 60 * 24 * 365)
    return f"{10 ** log_years:,.0f} years" if log_years < 15 else f"10^{log_years:,.0f} years"


for num_params in (1, 2, 10, 1_000_000):
    exponent = num_params * math.log10(points_per_axis)  # 100**n = 10**(2n): too big to print whole
    duration = readable_time(exponent - math.log10(evaluations_per_second))
    print(f"{num_params:>9,} parameters: 10^{exponent:,.0f} evaluations, {duration}")
# --8<-- [end:cost]
