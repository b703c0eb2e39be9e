/** Call `report` in the loop's next turn, after whatever was posted to the loop before it. */
export declare function afterLoopTurn(report: () => void): void
