print("kan-bench: no workloads yet")
