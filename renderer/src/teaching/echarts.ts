// Apache ECharts, tree-shaken to what the teaching charts use: lines, scatter,
// a custom series for the decision regions, on the canvas renderer. Loaded on
// the first chart (charts.ts), so the editor does not wait for it at startup.

import * as echarts from 'echarts/core';
import { CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, ScatterChart, CustomChart, GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export const init = echarts.init;
