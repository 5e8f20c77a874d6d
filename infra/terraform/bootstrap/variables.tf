variable "aws_region" {
  description = "Region of the state bucket (the environments' backend.hcl names the same)."
  type        = string
  default     = "ap-northeast-1"
}

variable "noncurrent_state_retention_days" {
  description = "Days previous versions of state files are kept (recovery from a bad apply)."
  type        = number
  default     = 90
}
