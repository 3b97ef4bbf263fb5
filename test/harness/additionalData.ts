import type { IWorkflowExecuteAdditionalData } from 'n8n-workflow';

/** What n8n's WorkflowExecuteAdditionalData.getBase provides, minus the database. */
export function baseAdditionalData(overrides: Partial<IWorkflowExecuteAdditionalData>): IWorkflowExecuteAdditionalData {
	return {
		executionId: '1',
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		currentNodeParameters: undefined,
		variables: {},
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		getRunExecutionData: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not available in tests');
		},
		...overrides,
	} as unknown as IWorkflowExecuteAdditionalData;
}
