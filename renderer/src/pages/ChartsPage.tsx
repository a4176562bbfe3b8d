import { InventoryChart } from './charts/InventoryChart';
import { OperationsCharts } from './charts/OperationsCharts';
import { SunkCharts } from './charts/SunkChart';
import { YoyCharts } from './charts/YoyChart';

export function ChartsPage() {
  return (
    <section className="page" aria-labelledby="charts-title">
      <div className="page-head">
        <h1 id="charts-title">Charts</h1>
        <p>Hover a chart for exact values.</p>
      </div>
      <div className="charts">
        <SunkCharts />
        <YoyCharts />
        <InventoryChart />
        <OperationsCharts />
      </div>
    </section>
  );
}
