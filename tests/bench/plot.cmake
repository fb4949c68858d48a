# Plot redraw benchmark (a program, not a ctest test), offscreen: stock QCustomPlot adaptive
# sampling vs LodGraph (min/max pyramid) on 10 M points, full / zoomed / pan views:
#   bench_plot_lod [--points N] [--redraws R]
add_executable(bench_plot_lod ${CMAKE_CURRENT_LIST_DIR}/bench_plot_lod.cpp)
target_link_libraries(bench_plot_lod PRIVATE vigil_widgets)
