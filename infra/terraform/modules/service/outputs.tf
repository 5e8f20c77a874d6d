output "service_name" {
  description = "Name of the ECS service (tcm-<env>-<svc>)."
  value       = aws_ecs_service.this.name
}

output "task_definition_family" {
  description = "Family of the task definition (tcm-<env>-<svc>)."
  value       = aws_ecs_task_definition.this.family
}

output "task_definition_arn" {
  description = "ARN of the task definition revision Terraform registered."
  value       = aws_ecs_task_definition.this.arn
}

output "container_name" {
  description = "Name of the application container (the service name)."
  value       = var.service_name
}

output "log_group_name" {
  description = "Log group of the application and collector containers (/ecs/tcm-<env>/<svc>)."
  value       = aws_cloudwatch_log_group.this.name
}

output "security_group_id" {
  description = "ID of the task security group."
  value       = aws_security_group.this.id
}

output "execution_role_arn" {
  description = "ARN of the task execution role."
  value       = aws_iam_role.execution.arn
}

output "task_role_arn" {
  description = "ARN of the task role."
  value       = aws_iam_role.task.arn
}

output "one_off_task_definition_families" {
  description = "Family of each one-off task definition by task name (tcm-<env>-<task>)."
  value       = { for task, definition in aws_ecs_task_definition.one_off : task => definition.family }
}

output "task_definition_parameter_names" {
  description = "SSM parameter holding the Terraform-managed revision, by service or one-off task name."
  value       = { for name, parameter in aws_ssm_parameter.task_definition : name => parameter.name }
}
