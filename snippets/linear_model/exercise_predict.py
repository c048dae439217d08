"""Exercise: read w and b as predictions, for 7 hours and for none (chapter: The linear model)."""


def model(X, w, b=0.0):
    return X * w + b


best_w, best_b = 1.97, 1.10  # the grid search's best pair

# --8<-- [start:solution]
for hours in (0.0, 7.0):  # no study at all, and one hour more than anyone in the data
    with_b = model(hours, best_w, best_b)
    without_b = model(hours, 2.23)  # the best w when b is held at 0
    print(f"{hours:.0f} hours: {with_b:.2f} points with b, {without_b:.2f} without")
# --8<-- [end:solution]
