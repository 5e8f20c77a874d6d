import { useTranslation } from 'react-i18next'

export interface TableData {
  caption: string
  columns: string[]
  rows: string[][]
}

/** A chart's text alternative: its figures as a table, behind a disclosure every reader can open. */
export function DataTable({ caption, columns, rows }: TableData) {
  const { t } = useTranslation()
  return (
    <details className="chart-data">
      <summary>{t('charts.showData')}</summary>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, column) =>
                column === 0 ? (
                  <th key={column} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={column}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}
