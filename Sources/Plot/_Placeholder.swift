// Temporary: replaced by the module's first real source file.
enum _PlotPlaceholder {}
