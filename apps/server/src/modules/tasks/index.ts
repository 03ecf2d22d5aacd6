export { createTaskService, type TaskService, type TaskServiceDeps } from './task.service.ts';
export type { TaskCaseSummary, TaskListFilter, TaskRepository, TaskStore } from './task.repository.ts';
export type { Task } from './task.ts';
export { presentTask } from './task.presenter.ts';
export { tasksRoutes } from './tasks.routes.ts';
