print("symbolic-bench: no workloads yet")
