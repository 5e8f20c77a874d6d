variable "name" {
  description = "Name prefix of every resource, e.g. tcm-development; SSM parameters live under /<name with slashes>/."
  type        = string
}

variable "parameter_prefix" {
  description = "Path prefix of the SSM parameters, e.g. /tcm/development (no trailing slash)."
  type        = string

  validation {
    condition     = can(regex("^(/[a-zA-Z0-9_.-]+)+$", var.parameter_prefix))
    error_message = "parameter_prefix must look like /tcm/development."
  }
}

variable "origin_verify_secret_generation" {
  description = "Generation number of the secret header value CloudFront sends to the ALB; increase it to rotate the value."
  type        = number
  default     = 1
}

variable "deletion_window_in_days" {
  description = "Waiting period before the KMS key is deleted after a destroy (7-30 days)."
  type        = number
}

variable "tags" {
  description = "Tags added to every resource of this module."
  type        = map(string)
  default     = {}
}
